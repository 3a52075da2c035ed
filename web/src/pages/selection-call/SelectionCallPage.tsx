/** Placeholder, to be replaced by the page itself. */
export default function SelectionCallPage() {
  return <div data-testid="placeholder-selection-call" />;
}
