// The entities only (openDatabase registers every export of this module).
export { AppliedEvent } from './applied-event.entity.js';
export { DoctorDay } from './doctor-day.entity.js';
export { EventPosition } from './event-position.entity.js';
export { ParkedEvent } from './parked-event.entity.js';
export { TokenRecord } from './token-record.entity.js';
