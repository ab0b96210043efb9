/** Entry of the Action's bundle (action.yml runs.main): the runner starts it with the inputs in INPUT_* variables. */
import { runAction } from './action.js';

process.exitCode = await runAction(process.env, process);
