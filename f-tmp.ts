import { fakerZH_CN, Faker, zh_CN, base } from '@faker-js/faker';
fakerZH_CN.seed(1);
console.log(fakerZH_CN.person.fullName({ sex: 'female' }), fakerZH_CN.person.fullName({ sex: 'male' }), fakerZH_CN.person.fullName());
const d = fakerZH_CN.definitions.person;
console.log(Object.keys(d ?? {}), JSON.stringify(d?.name), (d?.first_name as any)?.female?.length, (d?.first_name as any)?.male?.length, (d?.last_name as any)?.length ?? JSON.stringify(d?.last_name).slice(0,200));
console.log(JSON.stringify(fakerZH_CN.definitions.location?.city_name)?.slice(0,100));
const t = Date.now(); for (let i=0;i<400000;i++){ fakerZH_CN.seed(i); fakerZH_CN.person.fullName({sex:'male'}); } console.log('seed+name ms', Date.now()-t);
const f = new Faker({ locale: [zh_CN, base] }); console.log(typeof f.seed);
