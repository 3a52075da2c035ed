/** Recipes of the implementation routes. */
import type { RecipeModule } from './world.ts';

export const implementationRecipes: RecipeModule = async () => ({});
