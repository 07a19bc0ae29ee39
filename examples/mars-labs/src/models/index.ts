import { defineModels } from 'athanor'
import { ProgressSummary } from './dashboard.js'
import { Progress, User } from './users.js'

// Every table of the application, as the migrations config's `models` reads
// them; each table's `bind` says which database it lives in.
export default defineModels(User, Progress, ProgressSummary)
