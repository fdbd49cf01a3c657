/* medaka: the studio. */
#define G_LOG_DOMAIN "medaka"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "mdk-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(MdkApplication) app = NULL;
  const char *dir = g_getenv ("MEDAKA_LOCALEDIR");

  setlocale (LC_ALL, "");
  mdk_application_apply_language ();
  /* No textdomain (): _() goes through g_dgettext (PLATFORM.md, P3). */
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  app = mdk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
