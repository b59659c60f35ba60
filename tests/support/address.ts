/** Anything with an HTTP and a sync URL: a test server, a proxy in front of several. */
export interface ServerAddress {
  url: string;
  wsUrl: string;
}
