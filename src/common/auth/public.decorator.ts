import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'mercantil:public';
/** Opts a route out of bearer authentication (health, metrics, JWKS). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
