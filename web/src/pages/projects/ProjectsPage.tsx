/** Placeholder, to be replaced by the page itself. */
export default function ProjectsPage() {
  return <div data-testid="placeholder-projects" />;
}
