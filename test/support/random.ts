// The one seeded random source of the workspace is @orion/testing's (the demo seed and the
// benchmark's generator use it too); the tests import it from here under their old names. By path,
// so that packages whose tests use it need not depend on @orion/testing.
export { seededRandom, type SeededRandom as Random } from '../../packages/testing/src/seeded-random.js';
