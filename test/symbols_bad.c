/* A deliberately bad object: test/run.sh checks that test/symbols.sh rejects it,
 * so the symbol check is known to be able to fail. */
#include <stdlib.h>
int bad_counter;
static int bad_state = 3;
void *bad_alloc(size_t n);
void *bad_alloc(size_t n)
{
    bad_state++;
    bad_counter += bad_state;
    return malloc(n);
}
