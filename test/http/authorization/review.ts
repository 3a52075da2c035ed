/** Recipes of the expert-review routes (expert pool, assignment, conflict declarations, scores, panel). */
import type { RecipeModule } from './world.ts';

export const reviewRecipes: RecipeModule = async () => ({});
