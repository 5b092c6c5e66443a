import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['core', 'data', 'api', 'scripts', 'web'],
  },
});
