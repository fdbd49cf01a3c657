/* mdk-ui-color.h: theme colours for the GTK-free drawing code
 *
 * The drawing library (draw/) takes an MdkRGBA, which has GdkRGBA's fields;
 * these copy between the two.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-rgba.h"

G_BEGIN_DECLS

static inline MdkRGBA
mdk_rgba_from_gdk (const GdkRGBA *color)
{
  return (MdkRGBA) { color->red, color->green, color->blue, color->alpha };
}

static inline GdkRGBA
mdk_rgba_to_gdk (const MdkRGBA *color)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha };
}

/* The widget's text colour (it follows a light or dark theme). */
static inline MdkRGBA
mdk_ui_get_foreground (GtkWidget *widget)
{
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  return mdk_rgba_from_gdk (&color);
}

G_END_DECLS
