// graphql-ws publishes its ws adapter only as a package export (`graphql-ws/use/ws`), which this
// workspace's `moduleResolution: node` cannot see; Node resolves it at run time. Same types.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
