// Loads a corpus surface from the site's assets: gzipped JSON (the build
// stores it so), unless the server already undid the gzip (Content-Encoding).

const GZIP_MAGIC = [0x1f, 0x8b] as const;

export async function fetchSurfaceBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

export async function decodeSurface(data: ArrayBuffer): Promise<string> {
  const bytes = new Uint8Array(data);
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  // Bytes, then one decode: Response.text() on the stream is several times slower for 14 MB.
  return new TextDecoder().decode(await new Response(stream).arrayBuffer());
}

export async function fetchSurface(url: string): Promise<string> {
  return decodeSurface(await fetchSurfaceBytes(url));
}
