/** Placeholder, to be replaced by the page itself. */
export default function PublicTitlesPage() {
  return <div data-testid="placeholder-public-titles" />;
}
