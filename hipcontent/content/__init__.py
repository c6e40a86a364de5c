"""The content layer: every data file under hipcontent/data is read here, by one hardened
reader, checked by schema, and returned as typed models. No HTML, figures or widgets."""
