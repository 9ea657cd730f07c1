import type { StepScripts } from '../../src/emit/step-scripts.js';
import { readStepScripts } from '../../src/io/read-step-scripts.js';

/** The package's step scripts (`templates/steps/`), read once, as the emitters get them from `RenderAssets.steps`. */
export const stepScripts: StepScripts = readStepScripts();
