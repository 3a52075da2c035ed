/** A tab of the project page (/projects/:id); placeholder, to be replaced. */
export default function LedgerTab({ projectId }: { projectId: string }) {
  return <div data-testid="placeholder-LedgerTab">{projectId}</div>;
}
