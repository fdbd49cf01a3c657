/* mdk-rgba.h: a colour for the GTK-free drawing code
 *
 * The same fields as GdkRGBA (floats from 0 to 1), so that the studio copies
 * a theme colour field by field and medaka-cli needs no GDK.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} MdkRGBA;

G_END_DECLS
