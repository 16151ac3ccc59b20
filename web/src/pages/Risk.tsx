export function Risk({ seq }: { seq: number }) {
  return <section><h1>Loss, prices and allocation</h1><p>seq {seq}</p></section>;
}
