/** What a GraphQL HTTP call returned, status included, for asserting refusals exactly. */
export interface GraphQLResponse<TData = Record<string, any>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  headers: Headers;
}

/** Posts one operation over real HTTP, as a front end would. */
export async function postGraphQL<TData = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}

/** The `extensions.code` of each error, the part of an error clients branch on. */
export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}

/** What any HTTP call returned, its body parsed as JSON when it is JSON: for refusals outside GraphQL. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The parsed body, or the raw text when the server did not answer JSON. */
  body: unknown;
}

export async function httpRequest(url: string, init: RequestInit = {}): Promise<HttpResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json');
  return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
}
