// The claim review panel (templates/admin/newsroom/claim/review_panel.html) loads this at its
// end, so the evidence boxes exist when it runs. A static file rather than an inline script:
// the Content-Security-Policy allows scripts from 'self' only.
// Scroll each archived text to its first mark; without JavaScript the reader scrolls.
document.querySelectorAll(".evidence__text").forEach(function (box) {
  var mark = box.querySelector("mark");
  if (mark) { box.scrollTop = Math.max(0, mark.offsetTop - 48); }
});
