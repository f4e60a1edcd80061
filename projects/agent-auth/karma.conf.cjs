// Karma in the machine's headless Chromium; flags come from the shared launcher module.
const { chromiumPath, chromiumArgs } = require('../../scripts/chromium.cjs');

process.env.CHROME_BIN = chromiumPath() || process.env.CHROME_BIN || '';

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    client: { jasmine: { random: true, failSpecWithNoExpectations: true }, clearContext: false },
    // Progress redraws its line with ANSI codes, which a log file or CI shows as thousands of
    // lines: off a terminal, dots and the final summary only, uncoloured.
    reporters: [process.stdout.isTTY ? 'progress' : 'dots'],
    colors: Boolean(process.stdout.isTTY),
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
