/** A tab of the project page (/projects/:id); placeholder, to be replaced. */
export default function AcceptanceTab({ projectId }: { projectId: string }) {
  return <div data-testid="placeholder-AcceptanceTab">{projectId}</div>;
}
