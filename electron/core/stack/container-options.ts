/** A service's container as dockerode's create options: a pure function of the spec. */
import type Docker from 'dockerode';
import type { ServiceSpec, StackSpec } from './definition.js';

export function containerOptions(spec: StackSpec, s: ServiceSpec): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of s.ports) {
    exposed[`${p.containerPort}/tcp`] = {};
    bindings[`${p.containerPort}/tcp`] = [{ HostIp: p.hostIp, HostPort: String(p.hostPort) }];
  }
  return {
    name: s.containerName,
    Image: s.image,
    ...(s.command.length ? { Cmd: s.command } : {}),
    Env: Object.entries(s.environment).map(([k, v]) => `${k}=${v}`),
    Labels: s.labels,
    ExposedPorts: exposed,
    HostConfig: {
      PortBindings: bindings,
      Mounts: s.volumes.map((v) => ({ Type: 'volume' as const, Source: v.name, Target: v.target })),
      ExtraHosts: s.extraHosts,
      RestartPolicy: { Name: s.restart },
    },
    NetworkingConfig: { EndpointsConfig: { [spec.network.name]: { Aliases: [s.name] } } },
  };
}
