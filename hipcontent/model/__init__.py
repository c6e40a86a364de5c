"""The gait2392 muscle-path model of psoas and iliacus: the model's data (gait2392.py) and the
path-length and moment-arm maths (paths.py), validated against OpenSim.
"""

from hipcontent.model.paths import (  # noqa: F401  (hipcontent.model.moment_arm etc.)
    COORDINATE_RANGE_DEG,
    COORDINATES,
    MUSCLES,
    VALIDATED_RANGE_DEG,
    via_point_switch_deg,
    femur_rotation,
    flexion_moment_arm_zero_deg,
    length_and_moment_arm,
    moment_arm,
    opensim_differences,
    opensim_reference,
    path_length,
    path_points,
)
