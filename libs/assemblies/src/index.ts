export { AssemblyEntity, AssemblyKind, AssemblyStatus } from './entities/assembly.entity.js';
export { AgendaItemEntity } from './entities/agenda-item.entity.js';
export { AttendanceEntity, AttendanceMode } from './entities/attendance.entity.js';
export { ProxyEntity } from './entities/proxy.entity.js';
export { AssembliesModule } from './assemblies.module.js';
export { writeMinutes, type MinutesInput } from './minutes.js';
