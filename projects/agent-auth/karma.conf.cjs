// Karma in the machine's headless Chromium; flags come from the shared launcher module.
const { chromiumPath, chromiumArgs } = require('../../scripts/chromium.cjs');

process.env.CHROME_BIN = chromiumPath() || process.env.CHROME_BIN || '';

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    client: { jasmine: { random: true, failSpecWithNoExpectations: true }, clearContext: false },
    reporters: ['progress'],
    browsers: ['ChromiumHeadlessCI'],
    customLaunchers: {
      ChromiumHeadlessCI: { base: 'ChromeHeadless', flags: chromiumArgs },
    },
    browserNoActivityTimeout: 120000,
    captureTimeout: 120000,
    singleRun: true,
    restartOnFileChange: false,
  });
};
