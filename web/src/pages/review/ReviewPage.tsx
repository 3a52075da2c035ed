/** Placeholder, to be replaced by the page itself. */
export default function ReviewPage() {
  return <div data-testid="placeholder-review" />;
}
