import type { mongo } from 'mongoose';

/** The driver's session type, named once so the stores need not depend on the driver package. */
export type MongoSession = mongo.ClientSession;
