/**
 * A client's name for the screen, isolated for direction: a Hebrew or Arabic name never pulls the
 * text around it (a record number, a bracket, a "·") to its own side, and a Latin name never
 * reorders inside a right-to-left page. Strings for PDFs and CSV use `displayName` instead.
 */
export function ClientName({ client }: { client: { name: string; preferredName: string | null } }) {
  if (client.preferredName && client.preferredName !== client.name) {
    return (
      <>
        <bdi>{client.preferredName}</bdi> (<bdi>{client.name}</bdi>)
      </>
    );
  }
  return <bdi>{client.name}</bdi>;
}
