/** Recipes of the funding routes. */
import type { RecipeModule } from './world.ts';

export const fundingRecipes: RecipeModule = async () => ({});
