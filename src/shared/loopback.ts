const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);

/** A host name or address on this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(?:\.\d{1,3}){3}$/.test(host);
}
