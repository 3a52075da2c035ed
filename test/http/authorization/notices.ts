/** Recipes of the decision, public-notice, objection and final-list routes. */
import type { RecipeModule } from './world.ts';

export const noticeRecipes: RecipeModule = async () => ({});
