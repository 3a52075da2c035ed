/** A tab of the project page (/projects/:id); placeholder, to be replaced. */
export default function ProgressTab({ projectId }: { projectId: string }) {
  return <div data-testid="placeholder-ProgressTab">{projectId}</div>;
}
