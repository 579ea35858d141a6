/* quantity.h: numbers of items, normalized as spec/claims.md section 6. */
#ifndef AT_QUANTITY_H
#define AT_QUANTITY_H

#include "text.h"

/* Parse the quantity expression that occupies tokens [I, J) of TV
 * ("more than 200", "around 400", "dozens", "10,000-12,000", "between 100
 * and 200", "half a dozen", "several", "hundreds of thousands", "1.5
 * million", "three"). Fills *Q (text = the span of [I, J)) and returns
 * true, or returns false when [I, J) is not a quantity. */
bool quantity_parse(const at_textview *tv, size_t i, size_t j, at_quantity *q);

/* Find the quantity that counts the noun phrase whose head starts at token
 * W, scanning left no further than token LO: "more than 200 short-range
 * Fatah-360 missiles", "hundreds of drones", "1,000 containers of
 * munitions" (unit "container"), "at least one of those missiles",
 * "around 400 such munitions". Returns true with *Q filled. */
bool quantity_find(const at_textview *tv, size_t lo, size_t w, at_quantity *q);

#endif
