export { __camel__Module } from './__code__-module.js';
export { __camel__Errors } from './__code__-errors.js';
export { __camel__ConfigSchema, type __Pascal__Config } from './__code__-config.js';
export { __camel__Permissions, type __Pascal__Item } from './__code__-routes.js';
export type { __Pascal__Database, __Pascal__ItemsTable } from './schema.js';
