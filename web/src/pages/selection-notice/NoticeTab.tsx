/** A tab of the selection workspace (/selection/:callId); placeholder, to be replaced. */
export default function NoticeTab({ callId }: { callId: string }) {
  return <div data-testid="placeholder-NoticeTab">{callId}</div>;
}
