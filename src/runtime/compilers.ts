export { getCompiler as compilerFor } from '../dialect/compilers.js'
