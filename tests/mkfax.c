/* placeholder: replaced by the fax generator */
#include <stdio.h>
int main(void) { return 0; }
