// Offline after the first visit: register the site's service worker where the browser allows it
// (http(s) and localhost; a page opened from file:// works without one).
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register("__SW_URL__").catch(() => {});
}
