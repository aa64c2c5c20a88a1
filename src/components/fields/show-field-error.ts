/**
 * Shows `message` in the role="alert" line of the box named `name` inside `root` (the line with
 * `data-error-for`), or clears it when the message is empty, and marks the box invalid for
 * assistive technology while a message shows. Used by every island with input boxes.
 */
export function showFieldError(root: ParentNode, name: string, message: string): void {
  const line = root.querySelector(`[data-error-for="${name}"]`);
  if (line) line.textContent = message;
  for (const box of root.querySelectorAll(`[name="${name}"]`)) {
    if (message) box.setAttribute('aria-invalid', 'true');
    else box.removeAttribute('aria-invalid');
  }
}
