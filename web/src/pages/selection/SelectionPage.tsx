/** Placeholder, to be replaced by the page itself. */
export default function SelectionPage() {
  return <div data-testid="placeholder-selection" />;
}
