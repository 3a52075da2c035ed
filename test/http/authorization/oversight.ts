/** Recipes of the oversight routes. */
import type { RecipeModule } from './world.ts';

export const oversightRecipes: RecipeModule = async () => ({});
