import { platformBrowser } from '@angular/platform-browser';

import { AppModule } from './app/app.module';

// NgModule bootstrap, as Texera does: the library must work in that shape, not only standalone.
platformBrowser()
  .bootstrapModule(AppModule)
  .catch((err: unknown) => console.error(err));
