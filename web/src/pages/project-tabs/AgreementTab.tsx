/** A tab of the project page (/projects/:id); placeholder, to be replaced. */
export default function AgreementTab({ projectId }: { projectId: string }) {
  return <div data-testid="placeholder-AgreementTab">{projectId}</div>;
}
