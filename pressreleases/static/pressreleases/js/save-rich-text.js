// Draftail copies its text into the form's hidden input only 250 ms after the last
// keystroke, so a draft saved sooner (a quick click, Ctrl+S) lost the last words typed.
// When a form is sent, each rich text field's input gets the editor's text at once, as
// Wagtail writes it: Draftail's own serialisation, without the styles that only mark
// comments on screen. Wagtail keeps the editor on the input (a StreamField's carries no
// other mark).
const SCREEN_ONLY_STYLES = ['COMMENT-', 'STYLE_RERENDER_'];

const rawContent = (editor) => {
  const raw = window.Draftail.serialiseEditorStateToRaw(editor.getEditorState());
  raw?.blocks.forEach((block) => {
    block.inlineStyleRanges = block.inlineStyleRanges.filter(
      ({ style }) => !SCREEN_ONLY_STYLES.some((prefix) => style.startsWith(prefix)),
    );
  });
  return raw;
};

document.addEventListener(
  'submit',
  (event) => {
    for (const field of event.target.elements) {
      if (field.draftailEditor) {
        field.value = JSON.stringify(rawContent(field.draftailEditor));
      }
    }
  },
  true,
);
