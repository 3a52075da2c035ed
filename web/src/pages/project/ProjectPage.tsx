/** Placeholder, to be replaced by the page itself. */
export default function ProjectPage() {
  return <div data-testid="placeholder-project" />;
}
