/** A tab of the project page (/projects/:id); placeholder, to be replaced. */
export default function OversightTab({ projectId }: { projectId: string }) {
  return <div data-testid="placeholder-OversightTab">{projectId}</div>;
}
