// Files dropped anywhere on the drop zone go into the file input; nothing is read or sent before "Check".
(function () {
  var zone = document.getElementById("drop"), input = document.getElementById("files"), shown = document.getElementById("chosen");
  if (!zone || !input) return;
  function list() {
    var names = [];
    for (var i = 0; i < input.files.length; i++) names.push(input.files[i].name);
    shown.textContent = names.length ? names.length + " file(s): " + names.join(", ") : "";
  }
  ["dragenter", "dragover"].forEach(function (e) {
    zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (e) {
    zone.addEventListener(e, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (ev) {
    ev.preventDefault();
    if (ev.dataTransfer && ev.dataTransfer.files.length) { input.files = ev.dataTransfer.files; list(); }
  });
  input.addEventListener("change", list);
})();
