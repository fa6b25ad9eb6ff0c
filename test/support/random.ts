// The one seeded random source of the workspace lives in @orion/testing (the demo seed and the
// benchmark's generator use it too); the tests import it from here under its old names.
export { seededRandom, type SeededRandom as Random } from '@orion/testing';
