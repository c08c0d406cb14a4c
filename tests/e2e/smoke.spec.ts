import { expect, test } from './helpers/guard'

test('home page lists the ten stretches', async ({ page }) => {
  await page.goto('./')
  await expect(page.getByRole('heading', { name: 'StretchCoach XR' })).toBeVisible()
  await expect(page.locator('[data-stretch]')).toHaveCount(10)
})
